// nodejs-polars, re-exported so that scripts outside tests/interop (bench/peers) resolve it
// from this folder's node_modules.
import pl from 'nodejs-polars';

export default pl;
