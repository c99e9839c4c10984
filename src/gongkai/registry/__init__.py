"""The national law registry (`laws`): the laws and regulations a document may cite, with their
versions and status, and its importer from the national database's exports."""
