import { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS = ['disabled_at', 'deleted_at'];

/** When a user was disabled, and when deleted (the row stays, for the history that names them). */
export class AddUserStatus1764700000000 implements MigrationInterface {
  name = 'AddUserStatus1764700000000';

  // Plain ALTER TABLE: TypeORM would rebuild the SQLite table to add a column, and dropping `users` on the way
  // would cascade into the tables whose rows point at it.
  async up(queryRunner: QueryRunner): Promise<void> {
    for (const column of COLUMNS) await queryRunner.query(`ALTER TABLE "users" ADD COLUMN "${column}" timestamp NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of COLUMNS) await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "${column}"`);
  }
}
