import { ValidationPipe } from '@nestjs/common';
import { validationError } from '#libs/messaging';

/**
 * Bodies and queries are validated at the edge (400 AB01 naming the field); unknown fields are
 * dropped, since the SDK copies path ids into bodies.
 */
export const httpValidationPipe = new ValidationPipe({
  transform: true,
  whitelist: true,
  forbidUnknownValues: false,
  validationError: { target: false, value: false },
  exceptionFactory: validationError,
});
