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
  // The value tells a missing field from a wrong one; it never enters the message.
  validationError: { target: false, value: true },
  exceptionFactory: validationError,
});
