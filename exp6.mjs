import { createCaseDb } from './dist/src/store/db.js';
import { loadInputs } from './dist/src/store/load.js';
const db = createCaseDb('/tmp/x.sqlite');
const t=performance.now();
const r = await loadInputs(db, [process.argv[2]], process.stdin);
console.log(r.sources[0].lines, Math.round(r.sources[0].lines/(performance.now()-t)*1000), 'lines/s');
db.close();
