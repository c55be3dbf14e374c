import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/** A user has one active paper account, even when two instances open it at the same moment. */
export class OneActivePaperAccount1764400000000 implements MigrationInterface {
  name = 'OneActivePaperAccount1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'accounts',
      new TableIndex({ name: 'UQ_accounts_active_paper', columnNames: ['user_id'], isUnique: true, where: "kind = 'paper' AND archived_at IS NULL" }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('accounts', 'UQ_accounts_active_paper');
  }
}
