// `tls` as libraries inside a function's realm see it: `net`'s refusals, recorded as tls:// connections.
'use strict';
const net = require('fnsync:net');
module.exports = { ...net, connect: net.connector('tls'), createConnection: net.connector('tls') };
