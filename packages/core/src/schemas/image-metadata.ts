import { z } from 'zod';

const diffThreshold = z.number().min(0).lt(1);

/** `tags` may be an object of strings or an array of strings; an array `[t]` reads as `{t: t}`. */
export const ImageTagsSchema = z.union([z.record(z.string(), z.string()), z.array(z.string())]);

/**
 * One value of the manifest's `images` map. Keys beyond the known ones are kept and returned as
 * they are by the server (`context`, `canvas_theme`…), so the schema is loose.
 */
export const ImageMetadataSchema = z.looseObject({
  content_hash: z.string().min(1),
  width: z.number().int().min(0),
  height: z.number().int().min(0),
  display_name: z.string().optional(),
  group: z.string().optional(),
  description: z.string().optional(),
  diff_threshold: diffThreshold.optional(),
  tags: ImageTagsSchema.optional(),
});
export type ImageMetadata = z.infer<typeof ImageMetadataSchema>;

/** What each known image field must be, in the server's words after `field "<name>": `. */
export const imageFieldReasons: Record<string, string> = {
  content_hash: 'must be a non-empty string',
  width: 'must be a non-negative integer',
  height: 'must be a non-negative integer',
  display_name: 'must be a string',
  group: 'must be a string',
  description: 'must be a string',
  diff_threshold: 'must be a number greater than or equal to 0 and less than 1',
  tags: 'must be an object of strings or an array of strings',
};
