// Tests for ArticleSchemaTests.
