module.exports = {
  displayName: 'api-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Several instances share one PostgreSQL database and one Redis: the cluster tests run in the pass that has both.
  testPathIgnorePatterns: process.env['LILUX_TEST_CLUSTER'] === '1' ? [] : ['/src/cluster/'],
  // Each file starts its own API processes; bcrypt at cost 12 makes logins take ~250 ms each.
  testTimeout: 60_000,
  maxWorkers: 2,
  coverageDirectory: '../../coverage/api-e2e',
};
