// `os` for libraries inside a function's realm: constants only, nothing of the machine fnsync runs on.
'use strict';
module.exports = {
  EOL: '\n',
  platform: () => 'linux',
  type: () => 'Linux',
  arch: () => 'x64',
  release: () => '',
  hostname: () => 'localhost',
  homedir: () => '/',
  tmpdir: () => '/tmp',
  endianness: () => 'LE',
  cpus: () => [],
  totalmem: () => 0,
  freemem: () => 0,
  uptime: () => 0,
  loadavg: () => [0, 0, 0],
  networkInterfaces: () => ({}),
  userInfo: () => ({ username: 'function', uid: -1, gid: -1, shell: null, homedir: '/' }),
  constants: { signals: {}, errno: {} },
};
