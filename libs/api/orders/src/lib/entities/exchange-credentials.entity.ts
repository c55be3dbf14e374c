import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The API key pair of an exchange account, both halves Fernet-encrypted before they reach the database. Only
 * the key's last four characters are kept in the clear, to tell keys apart in the console.
 */
@Entity('exchange_credentials')
export class ExchangeCredentialsEntity {
  @PrimaryColumn({ name: 'account_id', length: 36 })
  accountId!: string;

  @Column({ name: 'api_key_encrypted', type: 'text' })
  apiKeyEncrypted!: string;

  @Column({ name: 'secret_encrypted', type: 'text' })
  secretEncrypted!: string;

  @Column({ name: 'api_key_last4', length: 4 })
  apiKeyLast4!: string;
}
