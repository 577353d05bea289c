// Server side of the profiling driver: the hand-written msilo script (test/e2e), which calls the
// runtime exactly as generated code does, started like a compiled bundle (-l / -m / --log-level).
import { runMain } from '../../runtime/index.js';
import { msiloKamailioScript } from '../../test/e2e/msilo-kamailio-script.js';

// The driver always passes -m msilo.db_url=…; this default is only for running the file by hand.
void runMain(msiloKamailioScript('sqlite://:memory:'));
