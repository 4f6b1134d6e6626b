// The ArticleSchema module.
