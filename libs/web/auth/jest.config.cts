module.exports = {
  displayName: 'web-auth',
  preset: '../../../jest.angular.preset.js',
  coverageDirectory: '../../../coverage/libs/web/auth',
};
