import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ApiError } from '@lilux/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { DomainError } from './domain-error';
import { FieldValidationError } from './validation.pipe';

/**
 * Every error leaves the API as `{statusCode, error, message}` (plus `fields` for validation), never with a
 * stack trace. Unexpected errors are logged here, once, and answered with a bare 500.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toApiError(exception, host.switchToHttp().getRequest<FastifyRequest>());
    if (exception instanceof DomainError && exception.retryAfterSeconds !== undefined) {
      reply.header('Retry-After', String(Math.max(1, Math.ceil(exception.retryAfterSeconds))));
    }
    reply.status(body.statusCode).send(body);
  }

  protected toApiError(exception: unknown, request: FastifyRequest): ApiError {
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const body: ApiError = { statusCode, error: reasonPhrase(statusCode), message: messageOf(exception) };
      if (exception instanceof FieldValidationError) body.fields = exception.fields;
      return body;
    }
    if (exception instanceof DomainError) {
      const body: ApiError = { statusCode: exception.status, error: reasonPhrase(exception.status), message: exception.message };
      if (exception.fields) body.fields = exception.fields;
      if (exception.reason) body.reason = exception.reason;
      return body;
    }
    const statusCode = clientErrorStatus(exception);
    if (statusCode !== undefined) {
      return { statusCode, error: reasonPhrase(statusCode), message: (exception as Error).message };
    }
    this.logger.error({ err: exception, method: request.method, url: request.url }, 'unhandled error');
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: reasonPhrase(HttpStatus.INTERNAL_SERVER_ERROR),
      message: 'Internal server error',
    };
  }
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/** Fastify's own 4xx errors (malformed JSON, body too large, wrong content type) keep their status. */
function clientErrorStatus(exception: unknown): number | undefined {
  const statusCode = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500 ? statusCode : undefined;
}

function reasonPhrase(statusCode: number): string {
  return STATUS_CODES[statusCode] ?? 'Error';
}
