import { staticShard } from './redos-static.js';

staticShard(3, 4);
