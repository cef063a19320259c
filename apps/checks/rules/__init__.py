"""The 体检 rules. Text rules read a list of texts with their places (a material's or an import
proposal's); material rules read a loaded material (apps.checks.loaded). Each returns findings."""
