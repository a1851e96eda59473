import type { SeedSection } from "../types";

export const seedSections: SeedSection[] = [
  {
    slug: "news",
    name: "News",
    description: "Breaking developments and in-depth reporting from across the country and around the world.",
  },
  {
    slug: "us",
    name: "U.S.",
    parent: "news",
    description: "Reporting from American cities, towns and statehouses on the events shaping daily life.",
  },
  {
    slug: "world",
    name: "World",
    parent: "news",
    description: "Coverage of international affairs, disasters, diplomacy and development from our foreign desk.",
  },
  {
    slug: "politics",
    name: "Politics",
    parent: "news",
    description: "Campaigns, Congress and the policy decisions made in Washington and state capitals.",
  },
  {
    slug: "business",
    name: "Business",
    description: "News about companies, workers, consumers and the wider economy.",
  },
  {
    slug: "markets",
    name: "Markets",
    parent: "business",
    description: "Daily coverage of stocks, bonds, interest rates and the forces that move them.",
  },
  {
    slug: "technology",
    name: "Technology",
    parent: "business",
    description: "How new software, hardware and digital services are changing industries and workplaces.",
  },
  {
    slug: "science",
    name: "Science",
    description: "Discoveries and research from laboratories, field stations and observatories.",
  },
  {
    slug: "health",
    name: "Health",
    parent: "science",
    description: "Medical research, public health and the systems that deliver care.",
  },
  {
    slug: "climate",
    name: "Climate",
    parent: "science",
    description: "The changing climate and how communities, farms and energy systems are adapting to it.",
  },
  {
    slug: "sports",
    name: "Sports",
    description: "Games, athletes and the business of sports, from local fields to professional leagues.",
  },
  {
    slug: "culture",
    name: "Culture",
    description: "Arts, entertainment and the public institutions that bring communities together.",
  },
];
