import { staticControl, staticShard } from './redos-static.js';

staticShard(0, 4);
staticControl();
