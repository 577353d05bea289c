// Runs the tests' private MariaDB by hand: prints its db_url and socket, stops it on Ctrl-C.
// Useful for trying `serc db init --url …` or a compiled script against MySQL without a system server.
import { startMariaDb } from '../test/support/mariadb.js';

const server = await startMariaDb();
process.stdout.write(
  `db_url  ${server.url}\nsocket  ${server.socket}\nclient  mariadb --no-defaults -S ${server.socket} -u root\n`,
);
process.stdout.write('Ctrl-C stops the server and deletes its data.\n');

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  server.dispose().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
