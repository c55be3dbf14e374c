// Jest for the Angular projects: Nx's preset, with Angular's compiler for TypeScript and templates.
const nxPreset = require('./jest.preset.js');

module.exports = {
  ...nxPreset,
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  transform: {
    '^.+\\.(ts|mjs|js|html)$': [
      'jest-preset-angular',
      {
        tsconfig: '<rootDir>/tsconfig.spec.json',
        stringifyContentPathRegex: '\\.(html|svg)$',
      },
    ],
  },
  // Angular's locale data (French number and date formats) and Transloco's utilities ship as ES modules in .js files.
  transformIgnorePatterns: ['node_modules/(?!.*\\.mjs$|@angular/common/locales/|@jsverse/utils/)'],
  snapshotSerializers: [
    'jest-preset-angular/build/serializers/no-ng-attributes',
    'jest-preset-angular/build/serializers/ng-snapshot',
    'jest-preset-angular/build/serializers/html-comment',
  ],
};
