module.exports = {
  displayName: 'web-data-access',
  preset: '../../../jest.angular.preset.js',
  coverageDirectory: '../../../coverage/libs/web/data-access',
};
