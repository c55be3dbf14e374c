const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  // ccxt's CommonJS build requires @noble's ESM-only packages; Node loads them (require(esm)), Jest cannot,
  // so those two are compiled to CommonJS for tests.
  transformIgnorePatterns: ['^(?!.*/node_modules/(@noble|@scure)/).*/node_modules/'],
};
