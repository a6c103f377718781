/** Opens a database file and holds it until stdin closes: another process, as a second ingest would be. */
import { openDatabase } from '../../scripts/ingest/load/db';

await openDatabase(process.argv[2]);
process.stdout.write(`holding pid ${process.pid}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
