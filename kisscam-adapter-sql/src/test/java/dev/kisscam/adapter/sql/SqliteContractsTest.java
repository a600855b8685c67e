package dev.kisscam.adapter.sql;

/** The core's contracts against SQLite, a file per test. */
class SqliteContractsTest extends SqlContracts {
    @Override
    TestDatabase databases() {
        return TestDatabase.sqlite();
    }
}
