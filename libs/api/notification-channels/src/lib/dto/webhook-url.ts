import { registerDecorator, ValidationArguments } from 'class-validator';

const MAX_URL_LENGTH = 2048;

/** What is wrong with `value` as a webhook URL, or null. Whether its host is public is checked after, by resolving it. */
export function webhookUrlProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0) return 'is required: an http(s) URL such as https://example.com/hooks/lilux';
  if (value.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an http(s) URL such as https://example.com/hooks/lilux';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https URL';
  if (url.username || url.password) return 'must not carry a user name or password: the signature tells the receiver the call is from Lilux';
  return null;
}

export function IsWebhookUrl(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isWebhookUrl',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => webhookUrlProblem(value) === null,
        defaultMessage: (args?: ValidationArguments) => webhookUrlProblem(args?.value) ?? 'is not a valid URL',
      },
    });
}
