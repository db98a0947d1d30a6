import { staticShard } from './redos-static.js';

staticShard(1, 4);
