import { describe, expect, it } from 'vitest';
import { PRODUCT_TYPE, schemaTypeName, THREAD_TYPE } from '../../src/extract/schema-types.ts';

describe('schemaTypeName', () => {
  it('reads a type by its own name, however JSON-LD or microdata writes it', () => {
    expect(schemaTypeName('NewsArticle')).toBe('NewsArticle');
    expect(schemaTypeName('schema:NewsArticle')).toBe('NewsArticle');
    expect(schemaTypeName('http://schema.org/DiscussionForumPosting')).toBe('DiscussionForumPosting');
    expect(schemaTypeName('https://schema.org/Product"')).toBe('Product');
  });

  it('tells a thread and a product from their neighbours', () => {
    expect(THREAD_TYPE.test(schemaTypeName('https://schema.org/QAPage'))).toBe(true);
    expect(THREAD_TYPE.test('DiscussionForumPostingList')).toBe(false);
    expect(PRODUCT_TYPE.test(schemaTypeName('http://schema.org/ProductGroup'))).toBe(true);
    expect(PRODUCT_TYPE.test('ProductModel')).toBe(false);
  });
});
