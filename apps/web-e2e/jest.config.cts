module.exports = {
  displayName: 'web-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // One browser and one API per file; the steps of a file build on each other, so they run in order.
  testTimeout: 60_000,
  maxWorkers: 1,
  coverageDirectory: '../../coverage/web-e2e',
};
