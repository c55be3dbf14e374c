module.exports = {
  displayName: 'web-trading',
  preset: '../../../jest.angular.preset.js',
  coverageDirectory: '../../../coverage/libs/web/trading',
};
