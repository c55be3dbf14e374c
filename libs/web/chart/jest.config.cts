module.exports = {
  displayName: 'web-chart',
  preset: '../../../jest.angular.preset.js',
  coverageDirectory: '../../../coverage/libs/web/chart',
};
