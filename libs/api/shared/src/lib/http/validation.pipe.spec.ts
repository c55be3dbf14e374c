import { IsString, MinLength } from 'class-validator';
import { createValidationPipe, FieldValidationError, MAX_INPUT_DEPTH } from './validation.pipe';

class LoginBody {
  @IsString()
  @MinLength(3)
  username!: string;
}

describe('the validation pipe', () => {
  const validate = (body: unknown) => createValidationPipe().transform(body, { type: 'body', metatype: LoginBody });
  const fieldsOf = (body: unknown) =>
    validate(body).then(
      () => undefined,
      (error: unknown) => (error instanceof FieldValidationError ? error.fields : error),
    );

  it('names each offending field without repeating its name', async () => {
    expect(await fieldsOf({ username: 'ab' })).toEqual({ username: 'must be longer than or equal to 3 characters' });
  });

  it('refuses a field the request does not accept, by name', async () => {
    expect(await fieldsOf({ username: 'alice', remember: true })).toEqual({ remember: 'is not a field this request accepts' });
  });

  it('says what is wrong in one message as well', async () => {
    await expect(validate({ username: 'alice', remember: true })).rejects.toThrow('remember is not a field this request accepts');
  });

  it('lets a valid body through as an instance of its class', async () => {
    expect(await validate({ username: 'alice' })).toBeInstanceOf(LoginBody);
  });

  it('refuses a value nested deeper than the bound, naming its field, however deep it goes', async () => {
    expect(await fieldsOf({ username: nestedArrays(5_000) })).toEqual({ username: `is nested deeper than ${MAX_INPUT_DEPTH} levels` });
    expect(await fieldsOf({ username: 'alice', extra: JSON.parse(`${'{"a":'.repeat(100)}1${'}'.repeat(100)}`) })).toEqual({
      extra: `is nested deeper than ${MAX_INPUT_DEPTH} levels`,
    });
    expect(await fieldsOf(nestedArrays(100))).toEqual({ body: `is nested deeper than ${MAX_INPUT_DEPTH} levels` });
  });

  it('lets nesting up to the bound reach validation', async () => {
    expect(await fieldsOf({ username: nestedArrays(MAX_INPUT_DEPTH) })).toEqual({ username: expect.not.stringContaining('nested') });
  });
});

function nestedArrays(depth: number): unknown {
  return JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);
}
