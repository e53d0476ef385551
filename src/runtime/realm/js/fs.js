// `fs` as libraries inside a function's realm see it: it loads (form-data and others require it at load), and
// every call fails, since Segment's functions have no file system to read and fnsync's must not be reachable.
'use strict';
const { setTimeout } = require('timers');
const noFiles = (name) => {
  const err = new Error(`fs.${name} is not available to functions: Segment functions have no file system`);
  err.code = 'ENOTSUP';
  return err;
};
const fs = new Proxy(
  {},
  {
    get(target, name) {
      if (typeof name !== 'string') return undefined;
      if (name === 'constants') return {};
      if (name === 'promises') return fs;
      if (name === 'ReadStream' || name === 'WriteStream') return class {};
      return (...args) => {
        const callback = args[args.length - 1];
        if (typeof callback === 'function') return void setTimeout(() => callback(noFiles(name)), 0);
        throw noFiles(name);
      };
    },
  },
);
module.exports = fs;
