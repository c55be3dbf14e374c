module.exports = {
  displayName: 'api-paper-exchange',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
    // ccxt's ESM-only dependencies (see jest.preset.js), compiled to CommonJS without lowering BigInt syntax.
    '^.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  // Tests restart the app on its database file and replay random order sequences.
  testTimeout: 20_000,
  coverageDirectory: '../../../coverage/libs/api/paper-exchange',
};
