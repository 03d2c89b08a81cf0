import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsNumber, IsObject, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';

/** POST /v1/feedback (reference §2.11). */
export class CreateFeedbackBody {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  trace_id!: string;

  @IsDefined()
  @IsInt()
  @Min(-10)
  @Max(10)
  value!: number;

  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  weight?: number;

  @IsOptional()
  @IsObject()
  metadata?: Record<string, unknown>;
}

/** PUT /v1/feedback/{id}: value again, weight and metadata optional. */
export class UpdateFeedbackBody {
  @IsDefined()
  @IsInt()
  @Min(-10)
  @Max(10)
  value!: number;

  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  weight?: number;

  @IsOptional()
  @IsObject()
  metadata?: Record<string, unknown>;
}

export class UpdateFeedbackRequest {
  @IsString()
  @MaxLength(200)
  id!: string;

  @IsDefined()
  @IsObject() @ValidateNested()
  @Type(() => UpdateFeedbackBody)
  changes!: UpdateFeedbackBody;
}

export interface FeedbackResultView {
  status: 'success';
  message: string;
  feedback_ids: string[];
}

/** Feedback as attached to a log (GET /v1/logs/{id}). */
export interface FeedbackView {
  id: string;
  trace_id: string;
  value: number;
  weight: number;
  metadata: Record<string, unknown>;
  created_at: string;
  last_updated_at: string;
}
