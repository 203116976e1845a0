// The zod request schema and validateRequest agree: the schema's parse gives validateRequest's
// messages, and the documented constraints are the validator's constants.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InvalidRequestError } from '../domain/errors';
import { DIMENSION_MAX, DIMENSION_MIN, DIMENSION_STEP, SEED_MAX, SIZE_PRESETS, STYLES, validateRequest } from '../domain/request';
import { imageRequestDocSchema, parseImageRequest } from '../domain/request-schema';

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (err) {
    if (err instanceof InvalidRequestError) return err.problems;
    throw err;
  }
  return [];
}

describe('request schema', () => {
  it('parses as validateRequest does, with the same messages in the same order', () => {
    const inputs: unknown[] = [
      { prompt: 'a panda', requestId: 'r1' },
      { prompt: '  a   panda ', size: 'book', style: 'crayon', seed: 3, requestId: 'r2' },
      { prompt: '', size: 'huge', seed: -1, style: 'neon', colour: 'red', requestId: 'r3' },
      { prompt: 'a panda', width: 500, height: 4096, requestId: 'r4' },
      { prompt: 'a panda', size: 'square', width: 512, requestId: '../x' },
      'just a string',
    ];
    for (const input of inputs) {
      expect(problemsOf(() => parseImageRequest(input))).toEqual(problemsOf(() => validateRequest(input, 'unset')));
      if (problemsOf(() => validateRequest(input, 'unset')).length === 0) expect(parseImageRequest(input)).toEqual(validateRequest(input, 'unset'));
    }
  });

  it('documents the validator constants in its JSON Schema', () => {
    type ObjectSchema = { properties: Record<string, Record<string, unknown>>; additionalProperties: boolean; required: string[] };
    // A schema with an id comes out as a $ref to its $defs entry.
    const out = z.toJSONSchema(imageRequestDocSchema) as unknown as { $defs: { ImageRequest: ObjectSchema } };
    const schema = out.$defs.ImageRequest;
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['prompt']);
    expect(schema.properties.style!.enum).toEqual([...STYLES]);
    expect(schema.properties.seed).toMatchObject({ type: 'integer', minimum: 0, maximum: SEED_MAX });
    expect(schema.properties.width).toMatchObject({ type: 'integer', minimum: DIMENSION_MIN, maximum: DIMENSION_MAX, multipleOf: DIMENSION_STEP });
    for (const preset of Object.keys(SIZE_PRESETS)) expect(String(schema.properties.size!.description)).toContain(preset);
    // Every example the document gives is accepted by the validator.
    for (const size of schema.properties.size!.examples as string[]) expect(problemsOf(() => validateRequest({ prompt: 'a panda', size }, 'x'))).toEqual([]);
  });
});
