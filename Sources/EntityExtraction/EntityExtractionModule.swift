// The EntityExtraction module.
