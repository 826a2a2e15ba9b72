// Limits of Azure Table storage, enforced before a write so a user gets a clear message
// instead of a 400 from the service halfway through a conversation.
export const MAX_ENTITY_BYTES = 1024 * 1024;
export const MAX_CUSTOM_PROPERTIES = 252; // 255 minus PartitionKey, RowKey, Timestamp
export const MAX_STRING_CHARS = 32 * 1024; // 64 KiB of UTF-16
export const MAX_BATCH_OPERATIONS = 100;

export class EntityLimitError extends Error {
  override name = 'EntityLimitError';
  constructor(message: string, readonly property?: string) {
    super(message);
  }
}

/** Rough serialized size per the service's documented formula (2 bytes per char, 8 per number). */
export function assertEntityLimits(entity: Record<string, unknown>): void {
  const props = Object.keys(entity).filter((k) => k !== 'partitionKey' && k !== 'rowKey' && k !== 'etag' && !k.endsWith('@odata.type'));
  if (props.length > MAX_CUSTOM_PROPERTIES) {
    throw new EntityLimitError(`A record would have ${props.length} properties; Table storage allows ${MAX_CUSTOM_PROPERTIES}.`);
  }
  let bytes = 4;
  for (const key of props) {
    const value = entity[key];
    bytes += 8 + key.length * 2;
    if (typeof value === 'string') {
      if (value.length > MAX_STRING_CHARS) {
        throw new EntityLimitError(`"${key}" is ${value.length} characters; the most that can be stored is ${MAX_STRING_CHARS}.`, key);
      }
      bytes += 4 + value.length * 2;
    } else {
      bytes += 8;
    }
  }
  if (bytes > MAX_ENTITY_BYTES) throw new EntityLimitError(`A record would be ${bytes} bytes; Table storage allows ${MAX_ENTITY_BYTES}.`);
}
