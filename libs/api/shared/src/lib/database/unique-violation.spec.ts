import { DataSource, QueryFailedError } from 'typeorm';
import { isUniqueViolation } from './unique-violation';

describe('isUniqueViolation', () => {
  let database: DataSource;

  beforeAll(async () => {
    database = await new DataSource({ type: 'sqlite', database: ':memory:' }).initialize();
    await database.query('CREATE TABLE t (a INTEGER UNIQUE, b INTEGER NOT NULL)');
    await database.query('INSERT INTO t VALUES (1, 1)');
  });
  afterAll(() => database.destroy());

  it('recognises a unique index refusing a row on SQLite', async () => {
    const error = await database.query('INSERT INTO t VALUES (1, 2)').catch((caught: unknown) => caught);
    expect(isUniqueViolation(error)).toBe(true);
  });

  it('does not take another constraint for a duplicate', async () => {
    const error = await database.query('INSERT INTO t VALUES (2, NULL)').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QueryFailedError);
    expect(isUniqueViolation(error)).toBe(false);
  });

  it("recognises PostgreSQL's SQLSTATE 23505, whose message never says UNIQUE", () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "orders_pkey"'), { code: '23505' });
    expect(isUniqueViolation(new QueryFailedError('INSERT …', [], driverError))).toBe(true);
    expect(isUniqueViolation(new Error('UNIQUE'))).toBe(false);
  });
});
