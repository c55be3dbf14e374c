import { NonPublicAddressError, nonPublicKind, publicAddressesOf } from './public-address';

describe('the address check of webhooks', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'shared (carrier-grade NAT)'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::127.0.0.1', 'reserved'],
    ['64:ff9b::a00:1', 'private'],
    ['64:ff9b::127.0.0.1', 'loopback'],
  ])('refuses %s as %s', (address, kind) => {
    expect(nonPublicKind(address)).toBe(kind);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '192.169.0.1', '2606:4700:4700::1111', '2a00:1450:4007:80b::200e', '::ffff:8.8.8.8', '64:ff9b::808:808'])(
    'lets the public address %s through',
    (address) => {
      expect(nonPublicKind(address)).toBeNull();
    },
  );

  it('refuses a host name when any address it resolves to is not public', async () => {
    await expect(publicAddressesOf('localhost')).rejects.toBeInstanceOf(NonPublicAddressError);
    await expect(publicAddressesOf('localhost')).rejects.toThrow(/is a loopback address$/);
  });

  it('checks an address literal without resolving it', async () => {
    await expect(publicAddressesOf('::ffff:127.0.0.1')).rejects.toThrow('::ffff:127.0.0.1 is a loopback address');
    await expect(publicAddressesOf('8.8.8.8')).resolves.toEqual([{ address: '8.8.8.8', family: 4 }]);
  });
});
