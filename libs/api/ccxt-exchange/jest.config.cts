module.exports = {
  displayName: 'api-ccxt-exchange',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
    // ccxt's ESM-only dependencies (see jest.preset.js), compiled to CommonJS without lowering BigInt syntax.
    '^.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  // Exchange tests wait out client timeouts (2 s) on purpose, and restart the app.
  testTimeout: 20_000,
  coverageDirectory: '../../../coverage/libs/api/ccxt-exchange',
};
