// The `request` argument of `onRequest`, built in the function's realm from what fnsync accepted
// (webhook-request.ts): json()/text()/headers/url as boreal's ServerRequest.
'use strict';
const { Headers } = require('fnsync:fetch');
const { URL } = require('fnsync:url');

module.exports = function createRequest(url, headersJson, body, jsonText) {
  const headers = new Headers();
  for (const [name, value] of JSON.parse(headersJson)) headers.append(name, value);
  let parsed;
  return {
    json() {
      // Invalid JSON throws this realm's SyntaxError, like boreal.
      if (!parsed) parsed = { value: JSON.parse(jsonText) };
      return parsed.value;
    },
    text: () => body,
    headers,
    url: new URL(url),
  };
};
