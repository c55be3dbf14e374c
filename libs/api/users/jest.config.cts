module.exports = {
  displayName: 'api-users',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/api/users',
  // Real bcrypt at cost 12: a test of password re-checks runs several hashes, each slower on a busy machine.
  testTimeout: 20_000,
};
