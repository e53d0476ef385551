// `tty` for libraries inside a function's realm (debug and colour packages ask): never a terminal.
'use strict';
module.exports = { isatty: () => false, ReadStream: class {}, WriteStream: class {} };
