// class-validator finds a class's rules, its ancestors' included, at every validation by testing
// the class against every decorated class of the process (MetadataStorage.getTargetValidationMetadatas,
// typestack/class-validator#2686, open): with the ledger's seventy or so decorated classes, ~20 µs of
// every command on the API's thread. A class's rules are complete once its module has loaded, so
// the answer is kept per class and options, and all of it forgotten whenever a rule is registered.
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Storage = ReturnType<typeof getMetadataStorage>;

const kept = new WeakSet<Storage>();

/** Keeps class-validator's lookups of a class's rules; once per process (its storage is global). */
export function keepValidationMetadataLookups(storage: Storage = getMetadataStorage()): void {
  if (kept.has(storage)) return;
  kept.add(storage);
  let byClass = new WeakMap<Function, Map<string, ValidationMetadata[]>>();
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = JSON.stringify([schema ?? null, always, strictGroups, groups ?? null]);
    let lookups = byClass.get(target);
    if (!lookups) byClass.set(target, (lookups = new Map()));
    let metadatas = lookups.get(key);
    if (!metadatas) lookups.set(key, (metadatas = lookUp(target, schema, always, strictGroups, groups)));
    return metadatas;
  };
  storage.addValidationMetadata = (metadata) => {
    byClass = new WeakMap();
    add(metadata);
  };
}
