'use strict';
module.exports = require('fnsync:http-client').httpModule('http:');
