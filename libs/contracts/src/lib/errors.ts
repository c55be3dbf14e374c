/** The one error shape every API failure has. */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  /** For validation failures: each offending field with what is wrong with it. */
  fields?: Record<string, string>;
}
