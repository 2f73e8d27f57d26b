// The organisation's vocabulary: departments, job roles, offices, names and code names.  All names
// are invented: first names are common given names from many countries, surnames are made of two
// parts ("Thorn" + "field") so no generated person is a real, well-known one.
#include "catalog.h"

namespace whoknows::demo {

std::string_view CompanyNameText() { return "Fernhollow Commerce"; }
std::string_view CompanyDomain() { return "fernhollow.example"; }
std::string_view CompanyShortName() { return "Fernhollow"; }

// Offices, in order; department home offices index into it.  The last entry is not an office.
const char* const kOfficeList = "Amsterdam|Lisbon|Toronto|Austin|Singapore|Remote";
const char* const kOfficeWeights = "30|20|20|15|15";

// clang-format off
const DepartmentDef kDepartmentDefs[] = {
  {"Executive", "executive", "Chief Executive Officer", "", "", 0, 0, false,
   "okrs|financial-planning|roadmapping|pricing|performance-management|budgeting",
   "the annual plan|the board update|company strategy|the operating review"},
  {"Platform Engineering", "platform", "VP of Platform Engineering",
   "Director of Platform Engineering", "Engineering Manager", 0, 12, true,
   "kubernetes|terraform|observability|aws|go|ci-cd|site-reliability-engineering|prometheus|docker|"
   "helm|incident-management|linux|networking|gcp|infrastructure-as-code|opentelemetry|istio|"
   "argo-cd|github-actions|distributed-systems|serverless|python|microservices|containers|"
   "postgresql|grpc|cloud-security",
   "the deploy pipeline|the service mesh|the build farm|the edge network|the logging stack|"
   "cluster autoscaling|the developer portal|multi-region failover|the staging environment|"
   "the secrets store"},
  {"Payments", "payments", "VP of Payments Engineering", "Director of Payments Engineering",
   "Engineering Manager", 0, 14, true,
   "payment-gateways|java|ledger|billing|kafka|postgresql|kotlin|card-payments|microservices|go|"
   "fraud-detection|reconciliation|pci-dss|subscriptions|rest-apis|distributed-systems|redis|"
   "chargebacks|open-banking|api-design|kubernetes|grpc|sql|software-testing",
   "billing|checkout|the ledger|refunds|payouts|card authorisation|invoicing|currency conversion|"
   "merchant settlement|the payment router"},
  {"Data & Machine Learning", "data", "VP of Data & Machine Learning", "Director of Data & ML",
   "Data Science Manager", 2, 12, true,
   "python|sql|spark|machine-learning|airflow|data-warehousing|kafka|statistics|dbt|"
   "experimentation|bigquery|pytorch|mlops|recommender-systems|forecasting|data-visualization|"
   "llms|deep-learning|nlp|search-relevance|data-governance|etl|stream-processing|flink|"
   "computer-vision|fraud-detection|analytics",
   "the event warehouse|recommendations|demand forecasting|the feature store|search ranking|"
   "churn models|the experimentation platform|the reporting layer|the clickstream pipeline|"
   "merchant risk scoring"},
  {"Mobile", "mobile", "VP of Mobile Engineering", "Director of Mobile Engineering",
   "Engineering Manager", 1, 9, true,
   "ios|android|swift|kotlin|swiftui|jetpack-compose|react-native|push-notifications|graphql|"
   "test-automation|ci-cd|accessibility|typescript|rest-apis|software-testing|mobile-development|"
   "github-actions",
   "the iOS app|the Android app|offline sync|the onboarding flow|in-app payments|"
   "the mobile release train|the merchant app|app startup|the wallet screen"},
  {"Web Experience", "web", "VP of Web Engineering", "Director of Web Engineering",
   "Engineering Manager", 1, 10, true,
   "react|typescript|javascript|css|node-js|frontend|graphql|accessibility|web-performance|"
   "design-systems|test-automation|rest-apis|software-testing|ci-cd|web-development|docker|"
   "postgresql",
   "the customer dashboard|the merchant portal|the checkout page|the marketing site|"
   "the admin console|the component library|the signup flow|the reporting UI"},
  {"Security", "security", "Chief Information Security Officer", "Director of Security Engineering",
   "Security Engineering Manager", 0, 6, true,
   "application-security|identity-and-access-management|threat-modeling|cloud-security|compliance|"
   "incident-response|vulnerability-management|oauth|penetration-testing|cryptography|soc2|"
   "key-management|tls|pci-dss|gdpr|kubernetes|aws|go|rust|security|python",
   "the identity service|secrets handling|vendor reviews|endpoint hardening|"
   "the bug bounty programme|audit logging|the annual audit|access reviews|the TLS edge"},
  {"Sales Engineering", "sales-engineering", "VP of Sales Engineering",
   "Director of Sales Engineering", "Sales Engineering Manager", 3, 8, false,
   "pre-sales|solutions-architecture|product-demos|rfp-responses|crm|salesforce|payment-gateways|"
   "api-design|rest-apis|aws|sales|pci-dss|sql|python|card-payments|open-banking",
   "enterprise onboarding|the EMEA pipeline|the North America pipeline|the APAC pipeline|"
   "partner integrations|the retail segment|strategic accounts|the marketplace segment"},
  {"Customer Support", "support", "VP of Customer Experience", "Director of Customer Support",
   "Support Manager", 2, 11, false,
   "technical-support|customer-success|knowledge-base|support-operations|chargebacks|sql|"
   "customer-support|incident-management|crm|card-payments|rest-apis|llms|salesforce|"
   "reconciliation",
   "tier-2 support|merchant onboarding|the help centre|dispute handling|enterprise accounts|"
   "the support chatbot|weekend coverage|the APAC queue"},
  {"People & HR", "people", "Chief People Officer", "Director of People", "HR Manager", 0, 5, false,
   "recruiting|technical-interviewing|performance-management|compensation|"
   "learning-and-development|diversity-equity-inclusion|people-operations|okrs|gdpr|"
   "data-visualization",
   "engineering hiring|the promotion cycle|new-hire onboarding|the engagement survey|"
   "manager training|relocation|the benefits programme|campus hiring|the salary review"},
  {"Finance", "finance", "Chief Financial Officer", "Director of Finance", "Finance Manager", 0, 5,
   false,
   "accounting|financial-planning|budgeting|revenue-recognition|tax|month-end-close|"
   "accounts-payable|treasury|audit|procurement|reconciliation|forecasting|sql|data-visualization|"
   "compliance|soc2|finance",
   "the quarterly close|the annual budget|vendor payments|the external audit|cash management|"
   "headcount planning|the tax filing|investor reporting|the expense policy"},
  {"Product & Design", "product", "Chief Product Officer", "Director of Product",
   "Group Product Manager", 1, 8, false,
   "ux-design|roadmapping|user-research|ui-design|figma|product-analytics|design-systems|okrs|"
   "experimentation|pricing|accessibility|product-management|design",
   "the merchant experience|the checkout redesign|mobile onboarding|the pricing page|"
   "the analytics dashboard|self-serve signup|the settings page|the invoicing experience"},
};

const RoleDef kRoleDefs[] = {
  {1, "Site Reliability Engineer", "engineer", 3,
   "site-reliability-engineering|kubernetes|observability|prometheus|incident-management|linux|"
   "opentelemetry"},
  {1, "Software Engineer", "engineer", 4,
   "go|kubernetes|ci-cd|microservices|grpc|github-actions|argo-cd"},
  {1, "Infrastructure Engineer", "engineer", 3,
   "terraform|aws|infrastructure-as-code|networking|kubernetes|helm|gcp|istio"},
  {2, "Backend Engineer", "engineer", 5,
   "java|payment-gateways|ledger|postgresql|kafka|kotlin|microservices|card-payments"},
  {2, "Software Engineer", "engineer", 4,
   "go|billing|subscriptions|rest-apis|redis|distributed-systems|open-banking"},
  {2, "Payments Analyst", "analyst", 2,
   "reconciliation|chargebacks|card-payments|sql|fraud-detection|pci-dss"},
  {3, "Data Engineer", "engineer", 4,
   "spark|airflow|kafka|sql|python|data-warehousing|etl|flink|stream-processing"},
  {3, "Data Scientist", "analyst", 4,
   "python|statistics|experimentation|machine-learning|forecasting|sql|fraud-detection"},
  {3, "Machine Learning Engineer", "engineer", 3,
   "python|pytorch|mlops|deep-learning|recommender-systems|llms|search-relevance|nlp|"
   "computer-vision"},
  {3, "Analytics Engineer", "analyst", 2,
   "dbt|sql|data-warehousing|data-visualization|bigquery|data-governance"},
  {4, "iOS Engineer", "engineer", 4, "ios|swift|swiftui|push-notifications|graphql"},
  {4, "Android Engineer", "engineer", 4, "android|kotlin|jetpack-compose|push-notifications|graphql"},
  {4, "Mobile Engineer", "engineer", 2, "react-native|typescript|ios|android|test-automation"},
  {5, "Frontend Engineer", "engineer", 5,
   "react|typescript|css|accessibility|web-performance|javascript|design-systems"},
  {5, "Full-Stack Engineer", "engineer", 4,
   "node-js|typescript|react|graphql|postgresql|rest-apis"},
  {5, "QA Engineer", "tester", 2,
   "test-automation|software-testing|ci-cd|javascript|accessibility"},
  {6, "Security Engineer", "engineer", 4,
   "application-security|threat-modeling|cloud-security|identity-and-access-management|oauth|"
   "key-management|cryptography|rust"},
  {6, "Security Analyst", "analyst", 3,
   "incident-response|vulnerability-management|penetration-testing|threat-modeling"},
  {6, "GRC Specialist", "analyst", 1, "compliance|soc2|gdpr|pci-dss|audit"},
  {7, "Solutions Engineer", "engineer", 4,
   "pre-sales|product-demos|rest-apis|payment-gateways|api-design"},
  {7, "Solutions Architect", "architect", 2,
   "solutions-architecture|system-design|aws|api-design|pci-dss|open-banking"},
  {7, "Sales Engineer", "engineer", 3, "pre-sales|crm|salesforce|rfp-responses|product-demos"},
  {8, "Support Engineer", "engineer", 3,
   "technical-support|sql|rest-apis|incident-management|knowledge-base"},
  {8, "Customer Success Specialist", "specialist", 3,
   "customer-success|crm|salesforce|chargebacks"},
  {8, "Support Specialist", "specialist", 4,
   "support-operations|knowledge-base|technical-support|chargebacks|card-payments"},
  {9, "Recruiter", "recruiter", 4, "recruiting|technical-interviewing|diversity-equity-inclusion"},
  {9, "HR Business Partner", "advisor", 2,
   "performance-management|compensation|okrs|learning-and-development"},
  {9, "People Operations Specialist", "specialist", 2,
   "compensation|people-operations|gdpr|data-visualization"},
  {9, "Learning Specialist", "specialist", 1,
   "learning-and-development|performance-management|diversity-equity-inclusion"},
  {10, "Financial Analyst", "analyst", 3,
   "financial-planning|budgeting|forecasting|sql|data-visualization"},
  {10, "Accountant", "analyst", 3,
   "accounting|revenue-recognition|accounts-payable|month-end-close|reconciliation"},
  {10, "Tax Specialist", "specialist", 1, "tax|treasury|audit|compliance"},
  {11, "Product Designer", "designer", 4, "ux-design|ui-design|figma|design-systems|accessibility"},
  {11, "Product Manager", "product manager", 4,
   "roadmapping|product-analytics|okrs|pricing|experimentation"},
  {11, "UX Researcher", "researcher", 1, "user-research|ux-design|statistics|experimentation"},
};

const char* const kFirstNameList =
    "Amara|Bjorn|Chen|Dalia|Emeka|Farah|Gustavo|Hana|Ingrid|Jonas|Kavya|Lars|Mei|Nadia|Oren|Priya|"
    "Quentin|Rafael|Sanna|Tomasz|Uma|Viktor|Wen|Ximena|Yusuf|Zara|Aiko|Bruno|Carmen|Dmitri|Elif|"
    "Finn|Greta|Hamid|Isla|Jorge|Keiko|Leila|Mateo|Noor|Olga|Pablo|Rania|Soren|Tariq|Ulla|Valeria|"
    "Wiremu|Yara|Zeynep|Anouk|Bao|Chiara|Diego|Esme|Femi|Gwen|Hugo|Ines|Jun|Kofi|Lucia|Marek|Nia|"
    "Oskar|Paola|Ravi|Siobhan|Teo|Vera|Arjun|Beatriz|Caio|Daria|Elena|Felix|Gita|Henrik|Ivo|Jasmin|"
    "Kenji|Lotte|Milan|Nina|Omar|Petra|Rosa|Samir|Tove|Anika|Bilal|Clara|Dev|Eero|Fatima|Gabriel|"
    "Hiro|Ilse|Joao|Kaia|Luca|Maya|Nils|Odile|Pia|Rohan|Sofia|Vikram|Wanda|Yuki|Zoltan|Abena|Bram|"
    "Cyrus|Dina|Emil|Freya|Goran|Helga|Idris|Jana|Kwame|Lena|Malik|Nora|Otto|Quinn|Rhea|Stellan|"
    "Thea|Ugo|Vivek|Willa|Xavier|Yosef|Zainab|Aisha|Ben|Chloe|Daniel|Emma|Hannah|Isaac|Julia|Kevin|"
    "Laura|Michael|Natalie|Oliver|Rachel|Sam|Tess|Victor|Adaeze|Mirela|Santiago|Leon|Ayumi|Kai|"
    "Lina|Matteo|Amir|Sven|Nadine|Ruben|Astrid|Imani|Tobias|Mariam|Lukas|Renata|Dario";

const char* const kSurnameHeadList =
    "Ash|Bram|Brack|Cal|Corr|Dun|Eld|Fair|Fen|Gar|Hal|Hart|Hol|Kel|Lang|Lind|Mar|Mer|Nor|Oak|Pen|"
    "Quen|Rad|Ren|Ros|Sel|Stan|Thorn|Tre|Val|Wal|Wes|Whit|Win|Wyn|Yar|Bel|Dal|Fal|Grey";

const char* const kSurnameTailList =
    "wood|field|ford|more|ley|ton|wick|by|stead|combe|dale|hurst|well|bridge|gate|holm|worth|mont|"
    "ridge|shaw|brook|vale|croft|den|lowe|mere|ston|ham|cott|thorpe";

const char* const kCodenameList =
    "Kestrel|Basalt|Juniper|Heron|Obsidian|Larch|Osprey|Quartz|Alder|Marten|Cobalt|Sable|Wren|"
    "Granite|Aspen|Falcon|Onyx|Cedar|Lynx|Garnet|Finch|Birch|Otter|Jasper|Rowan|Pelican|Slate|"
    "Hazel|Ibis|Flint|Willow|Puffin|Beryl|Maple|Badger|Topaz|Sparrow|Cypress|Lark|Agate|Thistle|"
    "Plover|Cinder|Hawthorn|Egret|Mica|Spruce|Condor|Opal|Yarrow";

// Topics that people in any department pick up now and then.
const char* const kCommonTopicList =
    "python|sql|kubernetes|llms|rust|machine-learning|data-visualization|system-design|"
    "accessibility|okrs|typescript|go|experimentation|incident-management";
// clang-format on

const size_t kDepartmentDefCount = sizeof(kDepartmentDefs) / sizeof(kDepartmentDefs[0]);
const size_t kRoleDefCount = sizeof(kRoleDefs) / sizeof(kRoleDefs[0]);

}  // namespace whoknows::demo
