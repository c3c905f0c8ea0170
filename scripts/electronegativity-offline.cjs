// Starts the electronegativity CLI with its HTTP client answering "offline" at once.
// CI has no internet: the release-notes check would otherwise retry in the background and
// crash the process. It reports nothing without data; every other check runs unchanged.
const Module = require('node:module');
const offline = () => Promise.reject(new Error('offline'));
const got = Object.assign(offline, { head: offline, get: offline, default: offline });
got.default = got;
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'got' ? got : load.call(this, request, ...rest);
};
require('@doyensec/electronegativity/dist/index.js');
