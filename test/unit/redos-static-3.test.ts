import { staticShard } from './redos-static.js';

staticShard(2, 4);
