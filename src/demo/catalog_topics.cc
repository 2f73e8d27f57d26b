// The topic taxonomy: 16 roots, each with narrower topics two or three levels deep.  Aliases are
// unique across the taxonomy and differ from every id and name, so each resolves to one topic.
#include "catalog.h"

namespace whoknows::demo {

namespace {
constexpr Category kCode = Category::kCode;
constexpr Category kInfra = Category::kInfra;
constexpr Category kData = Category::kData;
constexpr Category kMl = Category::kMl;
constexpr Category kClient = Category::kClient;
constexpr Category kSecurity = Category::kSecurity;
constexpr Category kPayments = Category::kPayments;
constexpr Category kBusiness = Category::kBusiness;
constexpr Category kDesign = Category::kDesign;
}  // namespace

// clang-format off
const TopicDef kTopicDefs[] = {
  // Roots.
  {"software-engineering", "Software Engineering", "swe", "", "", kCode,
   "Designing, building, testing and operating software systems."},
  {"programming-languages", "Programming Languages", "languages", "", "", kCode,
   "The general-purpose languages our services and tools are written in."},
  {"cloud-computing", "Cloud Computing", "cloud|cloud infrastructure", "", "", kInfra,
   "Running workloads on public cloud infrastructure and the platforms on top of it."},
  {"data-engineering", "Data Engineering", "data eng|data platform", "", "", kData,
   "Collecting, moving, storing and modelling data at scale."},
  {"analytics", "Analytics", "business intelligence|bi|data analytics", "", "data-engineering", kData,
   "Turning data into decisions: metrics, reporting, statistics and experiments."},
  {"machine-learning", "Machine Learning", "ml", "", "analytics|python", kMl,
   "Models that learn from data, from feature pipelines and training to serving."},
  {"security", "Information Security", "infosec|cybersecurity|it security", "", "", kSecurity,
   "Protecting our systems, data and people from threats."},
  {"mobile-development", "Mobile Development", "mobile|mobile apps", "", "", kClient,
   "Building the native and cross-platform apps our customers and merchants use."},
  {"web-development", "Web Development", "web dev|web", "", "", kClient,
   "Building the websites, dashboards and web apps our customers use."},
  {"payments", "Payments", "payment processing", "", "finance", kPayments,
   "Moving money: authorisation, clearing, settlement and the systems around them."},
  {"finance", "Finance", "corporate finance", "", "", kBusiness,
   "Accounting, planning and the financial health of the company."},
  {"people-operations", "People Operations", "hr|human resources|people ops", "", "", kBusiness,
   "Hiring, growing, paying and supporting the people who work here."},
  {"sales", "Sales", "business development", "", "customer-support", kBusiness,
   "Finding, winning and growing customers."},
  {"product-management", "Product Management", "product|pm", "", "design", kDesign,
   "Deciding what to build and why, and measuring whether it worked."},
  {"design", "Design", "product design", "", "", kDesign,
   "Shaping how our products look, feel and behave."},
  {"customer-support", "Customer Support", "customer service|support", "", "", kBusiness,
   "Helping customers and merchants when something does not work as expected."},

  // Software engineering.
  {"distributed-systems", "Distributed Systems", "distributed computing", "software-engineering",
   "system-design|kafka", kCode, "Consensus, replication, partitioning and failure handling."},
  {"system-design", "System Design", "software architecture|architecture", "software-engineering",
   "", kCode, ""},
  {"microservices", "Microservices", "microservice architecture|soa", "software-engineering",
   "api-design|kubernetes", kCode, ""},
  {"api-design", "API Design", "apis|api", "software-engineering", "microservices", kCode, ""},
  {"rest-apis", "REST APIs", "rest|restful apis|openapi", "api-design", "", kCode, ""},
  {"graphql", "GraphQL", "gql", "api-design", "react", kCode, ""},
  {"grpc", "gRPC", "protobuf|protocol buffers", "api-design", "go|microservices", kCode, ""},
  {"software-testing", "Software Testing", "testing|qa|quality assurance", "software-engineering",
   "", kCode, ""},
  {"test-automation", "Test Automation", "automated testing|e2e testing", "software-testing",
   "ci-cd", kCode, ""},
  {"ci-cd", "CI/CD", "continuous integration|continuous delivery|continuous deployment",
   "software-engineering", "docker", kInfra, ""},
  {"github-actions", "GitHub Actions", "gha", "ci-cd", "", kInfra, ""},
  {"observability", "Observability", "o11y|monitoring", "software-engineering",
   "site-reliability-engineering", kInfra, "Metrics, logs and traces, and the alerts built on them."},
  {"prometheus", "Prometheus", "promql", "observability", "kubernetes", kInfra, ""},
  {"opentelemetry", "OpenTelemetry", "otel|distributed tracing|tracing", "observability", "", kInfra,
   ""},
  {"site-reliability-engineering", "Site Reliability Engineering", "sre|reliability",
   "software-engineering", "", kInfra, ""},
  {"incident-management", "Incident Management", "on-call|incident command",
   "site-reliability-engineering", "incident-response", kInfra, ""},

  // Programming languages.
  {"python", "Python", "py|python3", "programming-languages", "", kCode, ""},
  {"java", "Java", "jvm", "programming-languages", "kotlin", kCode, ""},
  {"go", "Go", "golang", "programming-languages", "", kCode, ""},
  {"rust", "Rust", "rustlang", "programming-languages", "", kCode, ""},
  {"javascript", "JavaScript", "js|ecmascript|es6", "programming-languages", "node-js", kCode, ""},
  {"typescript", "TypeScript", "ts", "javascript", "", kCode, ""},
  {"kotlin", "Kotlin", "kt", "programming-languages", "android", kCode, ""},
  {"swift", "Swift", "swift language", "programming-languages", "ios", kCode, ""},
  {"sql", "SQL", "structured query language", "programming-languages", "databases", kData, ""},

  // Cloud and infrastructure.
  {"aws", "Amazon Web Services", "amazon aws|ec2|s3", "cloud-computing", "", kInfra, ""},
  {"gcp", "Google Cloud Platform", "google cloud|gke", "cloud-computing", "", kInfra, ""},
  {"containers", "Containers", "containerization|containerisation", "cloud-computing", "", kInfra,
   ""},
  {"docker", "Docker", "dockerfile", "containers", "", kInfra, ""},
  {"kubernetes", "Kubernetes", "k8s|kube", "cloud-computing", "containers|docker", kInfra,
   "Container orchestration: our production platform runs on it."},
  {"helm", "Helm", "helm charts", "kubernetes", "", kInfra, ""},
  {"istio", "Istio", "service mesh", "kubernetes", "microservices", kInfra, ""},
  {"argo-cd", "Argo CD", "argocd|gitops", "kubernetes", "ci-cd", kInfra, ""},
  {"infrastructure-as-code", "Infrastructure as Code", "iac", "cloud-computing", "", kInfra, ""},
  {"terraform", "Terraform", "tf|hcl|opentofu", "infrastructure-as-code", "", kInfra, ""},
  {"serverless", "Serverless", "faas|aws lambda|cloud functions", "cloud-computing", "", kInfra, ""},
  {"networking", "Networking", "computer networking|dns|load balancing", "cloud-computing", "",
   kInfra, ""},
  {"linux", "Linux", "gnu/linux|unix", "cloud-computing", "", kInfra, ""},

  // Data engineering.
  {"databases", "Databases", "dbms|database", "data-engineering", "sql", kData, ""},
  {"postgresql", "PostgreSQL", "postgres|psql|pg", "databases", "", kData, ""},
  {"redis", "Redis", "redis cache", "databases", "", kData, ""},
  {"elasticsearch", "Elasticsearch", "elastic|elk", "databases", "search-relevance", kData, ""},
  {"stream-processing", "Stream Processing", "streaming|event streaming", "data-engineering", "",
   kData, ""},
  {"kafka", "Apache Kafka", "kafka streams", "stream-processing", "distributed-systems", kData,
   "The event log between our services; most of payments and data runs through it."},
  {"flink", "Apache Flink", "flink sql", "stream-processing", "", kData, ""},
  {"spark", "Apache Spark", "pyspark", "data-engineering", "python", kData, ""},
  {"etl", "ETL", "elt|data pipelines", "data-engineering", "", kData, ""},
  {"airflow", "Apache Airflow", "airflow dags", "etl", "python", kData, ""},
  {"dbt", "dbt", "data build tool", "etl", "sql", kData, ""},
  {"data-warehousing", "Data Warehousing", "dwh|data warehouse|lakehouse", "data-engineering", "",
   kData, ""},
  {"bigquery", "BigQuery", "bq", "data-warehousing|gcp", "", kData, ""},
  {"data-governance", "Data Governance", "data quality|data catalog|lineage", "data-engineering",
   "gdpr", kData, ""},

  // Analytics.
  {"data-visualization", "Data Visualization", "dataviz|data visualisation|dashboards",
   "analytics", "", kData, ""},
  {"statistics", "Statistics", "stats", "analytics", "", kData, ""},
  {"experimentation", "A/B Testing", "ab testing|a/b tests|split testing|online experiments",
   "analytics", "statistics", kData, ""},
  {"forecasting", "Forecasting", "time series|time-series forecasting", "analytics",
   "statistics|financial-planning", kData, ""},
  {"product-analytics", "Product Analytics", "funnel analysis", "analytics|product-management",
   "experimentation", kData, ""},

  // Machine learning.
  {"deep-learning", "Deep Learning", "dl|neural networks", "machine-learning", "", kMl, ""},
  {"pytorch", "PyTorch", "torch", "deep-learning", "python", kMl, ""},
  {"nlp", "Natural Language Processing", "text mining", "machine-learning", "", kMl, ""},
  {"llms", "Large Language Models", "llm|genai|generative ai", "nlp|deep-learning", "", kMl, ""},
  {"search-relevance", "Search Relevance", "information retrieval|search ranking",
   "machine-learning", "", kMl, ""},
  {"computer-vision", "Computer Vision", "cv|image recognition", "deep-learning", "", kMl, ""},
  {"recommender-systems", "Recommender Systems", "recsys|recommendations", "machine-learning", "",
   kMl, ""},
  {"mlops", "MLOps", "ml ops|model serving|model deployment", "machine-learning", "kubernetes", kMl,
   ""},
  {"fraud-detection", "Fraud Detection", "anti-fraud|fraud prevention|risk scoring",
   "payments|machine-learning", "", kPayments, ""},

  // Security.
  {"application-security", "Application Security", "appsec|secure coding|owasp", "security", "",
   kSecurity, ""},
  {"threat-modeling", "Threat Modeling", "threat modelling|stride", "application-security", "",
   kSecurity, ""},
  {"penetration-testing", "Penetration Testing", "pentest|pen testing|red teaming",
   "application-security", "", kSecurity, ""},
  {"identity-and-access-management", "Identity and Access Management",
   "iam|identity|access control|sso", "security", "", kSecurity, ""},
  {"oauth", "OAuth", "oauth2|openid connect|oidc", "identity-and-access-management", "",
   kSecurity, ""},
  {"cryptography", "Cryptography", "crypto|encryption", "security", "", kSecurity, ""},
  {"tls", "TLS", "ssl|https|mtls", "cryptography", "networking", kSecurity, ""},
  {"key-management", "Key Management", "kms|hsm|secrets management", "cryptography", "",
   kSecurity, ""},
  {"cloud-security", "Cloud Security", "cspm", "security|cloud-computing", "", kSecurity, ""},
  {"incident-response", "Incident Response", "dfir|security incidents", "security", "",
   kSecurity, ""},
  {"vulnerability-management", "Vulnerability Management", "cve triage|patch management",
   "security", "", kSecurity, ""},
  {"compliance", "Compliance", "regulatory compliance|grc", "security", "", kSecurity, ""},
  {"soc2", "SOC 2", "soc2 type ii|soc 2 type 2", "compliance", "audit", kSecurity, ""},
  {"gdpr", "GDPR", "data protection|privacy", "compliance", "", kSecurity, ""},
  {"pci-dss", "PCI DSS", "pci|pci compliance", "compliance|payments", "", kSecurity, ""},

  // Mobile.
  {"ios", "iOS", "ios development|iphone", "mobile-development", "swift", kClient, ""},
  {"swiftui", "SwiftUI", "swift ui", "ios", "swift", kClient, ""},
  {"android", "Android", "android development", "mobile-development", "kotlin", kClient, ""},
  {"jetpack-compose", "Jetpack Compose", "compose", "android", "", kClient, ""},
  {"react-native", "React Native", "rn", "mobile-development", "react", kClient, ""},
  {"push-notifications", "Push Notifications", "apns|fcm", "mobile-development", "", kClient, ""},

  // Web.
  {"frontend", "Frontend Development", "front-end|ui engineering", "web-development", "", kClient,
   ""},
  {"react", "React", "reactjs|react.js", "frontend", "javascript|typescript", kClient, ""},
  {"css", "CSS", "css3|sass|tailwind", "frontend", "", kClient, ""},
  {"accessibility", "Accessibility", "a11y|wcag", "web-development|design", "", kClient, ""},
  {"web-performance", "Web Performance", "core web vitals|page speed", "frontend", "", kClient, ""},
  {"node-js", "Node.js", "node|nodejs", "web-development", "javascript", kCode, ""},

  // Payments.
  {"card-payments", "Card Payments", "card processing|acquiring|3-d secure|3ds", "payments", "",
   kPayments, ""},
  {"payment-gateways", "Payment Gateways", "psp|payment service providers", "payments", "",
   kPayments, ""},
  {"billing", "Billing", "invoicing|billing systems", "payments", "", kPayments, ""},
  {"subscriptions", "Subscription Billing", "recurring billing|recurring payments", "billing", "",
   kPayments, ""},
  {"ledger", "Ledger Systems", "double-entry bookkeeping|general ledger", "payments", "accounting",
   kPayments, "The double-entry ledger that records every movement of money."},
  {"reconciliation", "Reconciliation", "recon|payment reconciliation", "payments|accounting", "",
   kPayments, ""},
  {"open-banking", "Open Banking", "psd2", "payments", "", kPayments, ""},
  {"chargebacks", "Chargebacks", "disputes|payment disputes", "payments", "fraud-detection",
   kPayments, ""},

  // Finance.
  {"accounting", "Accounting", "bookkeeping", "finance", "", kBusiness, ""},
  {"revenue-recognition", "Revenue Recognition", "asc 606|ifrs 15|rev rec", "accounting", "",
   kBusiness, ""},
  {"accounts-payable", "Accounts Payable", "ap|vendor payments", "accounting", "", kBusiness, ""},
  {"month-end-close", "Month-End Close", "financial close|close process", "accounting", "",
   kBusiness, ""},
  {"financial-planning", "Financial Planning & Analysis", "fp&a|fpa", "finance", "", kBusiness, ""},
  {"budgeting", "Budgeting", "budget planning", "financial-planning", "", kBusiness, ""},
  {"tax", "Tax", "taxation|vat|sales tax", "finance", "", kBusiness, ""},
  {"treasury", "Treasury", "cash management|fx", "finance", "", kBusiness, ""},
  {"audit", "Audit", "internal audit|external audit", "finance", "compliance", kBusiness, ""},
  {"procurement", "Procurement", "purchasing|vendor management", "finance", "", kBusiness, ""},

  // People operations.
  {"recruiting", "Recruiting", "talent acquisition|hiring", "people-operations", "", kBusiness, ""},
  {"technical-interviewing", "Technical Interviewing", "interviewing|coding interviews",
   "recruiting", "", kBusiness, ""},
  {"compensation", "Compensation & Benefits", "comp and ben|total rewards|benefits",
   "people-operations", "", kBusiness, ""},
  {"performance-management", "Performance Management", "performance reviews|promotions",
   "people-operations", "okrs", kBusiness, ""},
  {"learning-and-development", "Learning & Development", "l&d|training", "people-operations", "",
   kBusiness, ""},
  {"diversity-equity-inclusion", "Diversity, Equity & Inclusion", "dei|d&i", "people-operations",
   "", kBusiness, ""},

  // Sales.
  {"solutions-architecture", "Solutions Architecture", "solution design", "sales", "system-design",
   kBusiness, ""},
  {"pre-sales", "Pre-Sales", "presales|technical sales", "sales", "", kBusiness, ""},
  {"product-demos", "Product Demos", "demos", "pre-sales", "", kBusiness, ""},
  {"rfp-responses", "RFP Responses", "rfp|rfi|security questionnaires", "pre-sales", "",
   kBusiness, ""},
  {"crm", "CRM", "customer relationship management", "sales", "", kBusiness, ""},
  {"salesforce", "Salesforce", "sfdc", "crm", "", kBusiness, ""},

  // Product management and design.
  {"roadmapping", "Roadmapping", "product roadmap|roadmaps", "product-management", "", kDesign, ""},
  {"pricing", "Pricing", "pricing strategy|monetisation|monetization", "product-management", "",
   kDesign, ""},
  {"okrs", "OKRs", "objectives and key results|goal setting", "product-management", "", kDesign,
   ""},
  {"ux-design", "UX Design", "ux|user experience", "design", "", kDesign, ""},
  {"user-research", "User Research", "ux research|usability testing", "ux-design", "", kDesign, ""},
  {"ui-design", "UI Design", "ui|visual design", "design", "", kDesign, ""},
  {"design-systems", "Design Systems", "component library", "ui-design", "react", kDesign, ""},
  {"figma", "Figma", "figma files", "ui-design", "", kDesign, ""},

  // Customer support.
  {"technical-support", "Technical Support", "tech support|tier 2 support", "customer-support", "",
   kBusiness, ""},
  {"customer-success", "Customer Success", "csm|account management", "customer-support", "",
   kBusiness, ""},
  {"knowledge-base", "Knowledge Base", "help centre|help center|kb", "customer-support", "",
   kBusiness, ""},
  {"support-operations", "Support Operations", "support ops|ticketing|zendesk", "customer-support",
   "", kBusiness, ""},
};
// clang-format on

const size_t kTopicDefCount = sizeof(kTopicDefs) / sizeof(kTopicDefs[0]);

// Topics that are products, languages or frameworks rather than practices or fields.
const char* const kToolTopicList =
    "python|java|go|rust|javascript|typescript|kotlin|swift|aws|gcp|docker|kubernetes|helm|istio|"
    "argo-cd|terraform|postgresql|redis|elasticsearch|kafka|flink|spark|airflow|dbt|bigquery|"
    "pytorch|github-actions|prometheus|opentelemetry|graphql|grpc|react|css|node-js|swiftui|"
    "jetpack-compose|react-native|figma|salesforce|linux|oauth|tls";

}  // namespace whoknows::demo
