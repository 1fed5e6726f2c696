// The one adapter around ajv (JSON Schema validation) for params sections. It returns ajv's
// raw errors as plain data; turning them into user-facing text with locations is load.ts's job.
import { Ajv, type ErrorObject, type JSONSchemaType } from 'ajv';

export type { JSONSchemaType };

export interface SchemaError {
  /** JSON pointer of the offending value inside the section, e.g. `/input_shape/0` */
  instancePath: string;
  keyword: string;
  /** keyword details: `additionalProperty`, `missingProperty`, `limit`, ... */
  params: Record<string, unknown>;
}

export type Validate = (data: unknown) => SchemaError[];

// allErrors: report every bad key at once; useDefaults: fill `default`s from the schema so the
// stage sees complete params; no type coercion: "128" is not an integer.
const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: true, coerceTypes: false });

export function compileSchema<T>(schema: JSONSchemaType<T>): Validate {
  const validate = ajv.compile(schema);
  return (data) => {
    if (validate(data)) return [];
    return (validate.errors ?? []).map((e: ErrorObject) => ({
      instancePath: e.instancePath,
      keyword: e.keyword,
      params: e.params as Record<string, unknown>,
    }));
  };
}
