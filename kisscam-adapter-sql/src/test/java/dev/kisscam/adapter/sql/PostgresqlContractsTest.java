package dev.kisscam.adapter.sql;

/** The core's contracts against PostgreSQL, a schema per test. */
class PostgresqlContractsTest extends SqlContracts {
    @Override
    TestDatabase databases() {
        return TestDatabase.postgresql();
    }
}
